// The order Excel's schema gives the children of the elements finbook writes (ECMA-376 Part 1,
// the CT_* sequences of sml.xsd, dml-chart.xsd and dml-spreadsheetDrawing.xsd). Excel reads
// a sequence strictly: a child out of its place is what makes it "repair" a file. Names
// separated by | share one place (an xsd:choice); a trailing * marks a child that may repeat.

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
} as const;

const PREFIX: Record<string, string> = Object.fromEntries(Object.entries(NS).map(([p, uri]) => [uri, p]));

/** `main:worksheet`, `c:ser`: an element's name with a fixed prefix for its namespace. */
export function schemaName(uri: string, local: string): string {
  return `${PREFIX[uri] ?? uri}:${local}`;
}

const LABEL_SHOWS = ['numFmt', 'spPr', 'txPr', 'dLblPos', 'showLegendKey', 'showVal', 'showCatName', 'showSerName', 'showPercent', 'showBubbleSize', 'separator'];

export const SEQUENCES: Record<string, string[]> = {
  // §18.3.1.99 CT_Worksheet
  'main:worksheet': [
    'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols*', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
    'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting*',
    'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties',
    'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls',
    'webPublishItems', 'tableParts', 'extLst',
  ],
  // §18.2.27 CT_Workbook
  'main:workbook': [
    'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences', 'definedNames',
    'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst',
  ],
  // §18.8.39 CT_Stylesheet
  'main:styleSheet': ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'],
  'main:sheetPr': ['tabColor', 'outlinePr', 'pageSetUpPr'],
  'main:sheetViews': ['sheetView*', 'extLst'],
  'main:sheetView': ['pane', 'selection*', 'pivotSelection*', 'extLst'],
  'main:sheetData': ['row*'],
  'main:row': ['c*', 'extLst'],
  'main:c': ['f', 'v', 'is', 'extLst'],
  'main:mergeCells': ['mergeCell*'],
  'main:hyperlinks': ['hyperlink*'],
  'main:conditionalFormatting': ['cfRule*', 'extLst'],
  'main:cfRule': ['formula*', 'colorScale', 'dataBar', 'iconSet', 'extLst'],
  'main:dataValidations': ['dataValidation*'],
  'main:dataValidation': ['formula1', 'formula2'],
  'main:headerFooter': ['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter'],
  'main:definedNames': ['definedName*'],
  'main:sheets': ['sheet*'],
  'main:sst': ['si*', 'extLst'],
  'main:si': ['t', 'r*', 'rPh*', 'phoneticPr'],
  'main:xf': ['alignment', 'protection', 'extLst'],
  'main:dxf': ['font', 'numFmt', 'fill', 'alignment', 'border', 'protection', 'extLst'],
  'main:font': ['b|i|strike|condense|extend|outline|shadow|u|vertAlign|sz|color|name|family|charset|scheme*'],
  'main:border': ['start|left', 'end|right', 'top', 'bottom', 'diagonal', 'vertical', 'horizontal'],
  // §21.2.2.29 CT_ChartSpace and the chart parts below it (dml-chart.xsd)
  'c:chartSpace': ['date1904', 'lang', 'roundedCorners', 'AlternateContent', 'style', 'clrMapOvr', 'pivotSource', 'protection', 'chart', 'spPr', 'txPr', 'externalData', 'printSettings', 'userShapes', 'extLst'],
  'c:chart': ['title', 'autoTitleDeleted', 'pivotFmts', 'view3D', 'floor', 'sideWall', 'backWall', 'plotArea', 'legend', 'plotVisOnly', 'dispBlanksAs', 'showDLblsOverMax', 'extLst'],
  'c:plotArea': ['layout', 'areaChart|area3DChart|lineChart|line3DChart|stockChart|radarChart|scatterChart|pieChart|pie3DChart|doughnutChart|barChart|bar3DChart|ofPieChart|surfaceChart|surface3DChart|bubbleChart*', 'valAx|catAx|dateAx|serAx*', 'dTable', 'spPr', 'extLst'],
  'c:layout': ['manualLayout', 'extLst'],
  'c:manualLayout': ['layoutTarget', 'xMode', 'yMode', 'wMode', 'hMode', 'x', 'y', 'w', 'h', 'extLst'],
  'c:title': ['tx', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  'c:legend': ['legendPos', 'legendEntry*', 'layout', 'overlay', 'spPr', 'txPr', 'extLst'],
  'c:barChart': ['barDir', 'grouping', 'varyColors', 'ser*', 'dLbls', 'gapWidth', 'overlap', 'serLines*', 'axId*', 'extLst'],
  'c:lineChart': ['grouping', 'varyColors', 'ser*', 'dLbls', 'dropLines', 'hiLowLines', 'upDownBars', 'marker', 'smooth', 'axId*', 'extLst'],
  'c:pieChart': ['varyColors', 'ser*', 'dLbls', 'firstSliceAng', 'extLst'],
  'c:doughnutChart': ['varyColors', 'ser*', 'dLbls', 'firstSliceAng', 'holeSize', 'extLst'],
  'c:dLbls': ['dLbl*', 'delete', ...LABEL_SHOWS, 'showLeaderLines', 'leaderLines', 'extLst'],
  'c:dLbl': ['idx', 'delete', 'layout', 'tx', ...LABEL_SHOWS, 'extLst'],
  'c:catAx': ['axId', 'scaling', 'delete', 'axPos', 'majorGridlines', 'minorGridlines', 'title', 'numFmt', 'majorTickMark', 'minorTickMark', 'tickLblPos', 'spPr', 'txPr', 'crossAx', 'crosses|crossesAt', 'auto', 'lblAlgn', 'lblOffset', 'tickLblSkip', 'tickMarkSkip', 'noMultiLvlLbl', 'extLst'],
  'c:valAx': ['axId', 'scaling', 'delete', 'axPos', 'majorGridlines', 'minorGridlines', 'title', 'numFmt', 'majorTickMark', 'minorTickMark', 'tickLblPos', 'spPr', 'txPr', 'crossAx', 'crosses|crossesAt', 'crossBetween', 'majorUnit', 'minorUnit', 'dispUnits', 'extLst'],
  'c:scaling': ['logBase', 'orientation', 'max', 'min', 'extLst'],
  'c:tx': ['strRef|rich|v'],
  'c:strRef': ['f', 'strCache', 'extLst'],
  'c:numRef': ['f', 'numCache', 'extLst'],
  'c:strCache': ['ptCount', 'pt*', 'extLst'],
  'c:numCache': ['formatCode', 'ptCount', 'pt*', 'extLst'],
  'c:pt': ['v'],
  'c:marker': ['symbol', 'size', 'spPr', 'extLst'],
  'c:dPt': ['idx', 'invertIfNegative', 'marker', 'bubble3D', 'explosion', 'spPr', 'pictureOptions', 'extLst'],
  'c:printSettings': ['headerFooter', 'pageMargins', 'pageSetup', 'legacyDrawingHF'],
  // ser differs by chart kind; its parent decides which (see sequenceFor)
  'c:barChart/ser': ['idx', 'order', 'tx', 'spPr', 'invertIfNegative', 'pictureOptions', 'dPt*', 'dLbls', 'trendline*', 'errBars', 'cat', 'val', 'shape', 'extLst'],
  'c:lineChart/ser': ['idx', 'order', 'tx', 'spPr', 'marker', 'dPt*', 'dLbls', 'trendline*', 'errBars', 'cat', 'val', 'smooth', 'extLst'],
  'c:pieChart/ser': ['idx', 'order', 'tx', 'spPr', 'explosion', 'dPt*', 'dLbls', 'cat', 'val', 'extLst'],
  'c:doughnutChart/ser': ['idx', 'order', 'tx', 'spPr', 'explosion', 'dPt*', 'dLbls', 'cat', 'val', 'extLst'],
  // dml-spreadsheetDrawing.xsd
  'xdr:wsDr': ['twoCellAnchor|oneCellAnchor|absoluteAnchor*'],
  'xdr:twoCellAnchor': ['from', 'to', 'sp|grpSp|graphicFrame|cxnSp|pic|contentPart', 'clientData'],
  'xdr:from': ['col', 'colOff', 'row', 'rowOff'],
  'xdr:to': ['col', 'colOff', 'row', 'rowOff'],
  'xdr:graphicFrame': ['nvGraphicFramePr', 'xfrm', 'graphic', 'extLst'],
  'xdr:nvGraphicFramePr': ['cNvPr', 'cNvGraphicFramePr'],
};

/** The sequence of an element's children, or undefined when the table does not cover it. */
export function sequenceFor(name: string, parentName: string | null): string[] | undefined {
  if (name === 'c:ser' && parentName) return SEQUENCES[`${parentName}/ser`];
  return SEQUENCES[name];
}

/** Children out of the sequence's order, unknown to it, or repeated where it allows one. */
export function sequenceProblems(sequence: readonly string[], children: readonly string[]): string[] {
  const slots = sequence.map((s) => ({ names: s.replace(/\*$/, '').split('|'), repeat: s.endsWith('*') }));
  const problems: string[] = [];
  let at = 0;
  let previous: string | null = null;
  for (const child of children) {
    const slot = slots.findIndex((s) => s.names.includes(child));
    if (slot < 0) {
      problems.push(`<${child}> is not a child the schema allows here`);
      continue;
    }
    if (slot < at) problems.push(`<${child}> comes after <${previous}>; the schema puts it before`);
    else if (slot === at && previous !== null && !slots[slot]!.repeat && slots[slot]!.names.includes(previous)) problems.push(`<${child}> appears more than once; the schema allows one`);
    else at = slot;
    previous = child;
  }
  return problems;
}
