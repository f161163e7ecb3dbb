// Test helper: read the charts of a written .xlsx back from its parts (sheet -> drawing ->
// chart), with each series' references and cached values as written.
import { strFromU8, unzipSync } from 'fflate';
import { sheetParts } from '../../src/write/charts/package.js';
import { unescapeXml } from '../../src/write/charts/xml-scan.js';

export interface ReadSeries {
  /** Literal name (c:tx/c:v) or the name's reference. */
  name: string | null;
  nameRef: string | null;
  categoriesRef: string | null;
  categories: string[];
  valuesRef: string;
  values: number[];
  formatCode: string;
}

export interface ReadChart {
  part: string;
  sheet: string;
  title: string;
  /** Plot element, e.g. barChart, lineChart, pieChart, doughnutChart. */
  plot: string;
  grouping: string | null;
  series: ReadSeries[];
  xml: string;
}

const first = (xml: string, re: RegExp): string | null => re.exec(xml)?.[1] ?? null;
const all = (xml: string, re: RegExp): string[] => [...xml.matchAll(re)].map((m) => unescapeXml(m[1]!));

function relTargets(xml: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of (xml ?? '').matchAll(/<Relationship Id="([^"]+)" Type="[^"]+" Target="([^"]+)"/g)) out.set(m[1]!, m[2]!);
  return out;
}

function readSeries(ser: string): ReadSeries {
  const tx = first(ser, /<c:tx>([\s\S]*?)<\/c:tx>/) ?? '';
  const cat = first(ser, /<c:cat>([\s\S]*?)<\/c:cat>/) ?? '';
  const val = first(ser, /<c:val>([\s\S]*?)<\/c:val>/) ?? '';
  const txRef = first(tx, /<c:f>([^<]*)<\/c:f>/);
  return {
    name: txRef ? null : unescapeXml(first(tx, /<c:v>([^<]*)<\/c:v>/) ?? ''),
    nameRef: txRef ? unescapeXml(txRef) : null,
    categoriesRef: first(cat, /<c:f>([^<]*)<\/c:f>/) && unescapeXml(first(cat, /<c:f>([^<]*)<\/c:f>/)!),
    categories: all(cat, /<c:v>([^<]*)<\/c:v>/g),
    valuesRef: unescapeXml(first(val, /<c:f>([^<]*)<\/c:f>/) ?? ''),
    values: all(val, /<c:v>([^<]*)<\/c:v>/g).map(Number),
    formatCode: unescapeXml(first(val, /<c:formatCode>([^<]*)<\/c:formatCode>/) ?? ''),
  };
}

export function readCharts(bytes: Uint8Array): ReadChart[] {
  const parts = unzipSync(bytes);
  const text = (name: string): string | undefined => (parts[name] ? strFromU8(parts[name]) : undefined);
  const out: ReadChart[] = [];
  for (const [sheet, path] of sheetParts(text)) {
    const dir = path.slice(0, path.lastIndexOf('/'));
    const sheetXml = text(path)!;
    const drawingRel = first(sheetXml, /<drawing r:id="([^"]+)"\/>/);
    if (!drawingRel) continue;
    const drawingTarget = relTargets(text(`${dir}/_rels/${path.slice(dir.length + 1)}.rels`)).get(drawingRel)!;
    const drawingPath = `xl/${drawingTarget.replace('../', '')}`;
    const drawingRels = relTargets(text(drawingPath.replace('drawings/', 'drawings/_rels/') + '.rels'));
    for (const m of text(drawingPath)!.matchAll(/<c:chart [^>]*r:id="([^"]+)"\/>/g)) {
      const part = `xl/${drawingRels.get(m[1]!)!.replace('../', '')}`;
      const xml = text(part)!;
      const plot = first(xml, /<c:(barChart|lineChart|pieChart|doughnutChart)>/)!;
      out.push({
        part,
        sheet,
        title: unescapeXml(first(xml, /<c:title>[\s\S]*?<a:t>([^<]*)<\/a:t>/) ?? ''),
        plot,
        grouping: first(xml, /<c:grouping val="([^"]+)"\/>/),
        series: [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((s) => readSeries(s[1]!)),
        xml,
      });
    }
  }
  return out;
}
