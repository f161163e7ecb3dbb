# Edit a workbook with openpyxl and save it: openpyxl keeps formulas as text, drops every
# cached value, and moves cells on insert_rows / delete_rows without adjusting any reference.
#
#   openpyxl-edit.py IN.xlsx OUT.xlsx EDITS.json
#
# EDITS: value (sheet, cell, value), formula (sheet, cell, formula), insert_rows /
# delete_rows (sheet, row 1-based, count), delete_sheet (sheet); an empty list loads and
# saves the workbook.
import json
import sys

import openpyxl

src, dst, edits_json = sys.argv[1:4]
wb = openpyxl.load_workbook(src)
for e in json.loads(edits_json):
    ws = wb[e['sheet']]
    op = e['op']
    if op == 'value':
        ws[e['cell']] = e['value']
    elif op == 'formula':
        ws[e['cell']] = '=' + e['formula']
    elif op == 'insert_rows':
        ws.insert_rows(e['row'], e.get('count', 1))
    elif op == 'delete_rows':
        ws.delete_rows(e['row'], e.get('count', 1))
    elif op == 'delete_sheet':
        wb.remove(ws)
    else:
        raise SystemExit('openpyxl-edit.py: unknown edit %r' % op)
wb.save(dst)
