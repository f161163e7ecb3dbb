# Edit a workbook the way an analyst does in LibreOffice Calc, through LibreOffice's own API
# (python3-uno), and save it as .xlsx: the edits the roundtrip tests expect finbook diff to name.
#
#   lo-edit.py IN.xlsx OUT.xlsx EDITS.json WORK_DIR
#
# EDITS is a list of {"op": ...}: value (sheet, cell, value), text (sheet, cell, value),
# formula (sheet, cell, formula),
# insert_rows / delete_rows (sheet, row 1-based, count), insert_columns (sheet, col 0-based),
# move (sheet, from "C10:D12", to "C40"), move_sheet (sheet, position 0-based),
# rename_sheet (sheet, name). LibreOffice runs with a throw-away profile inside WORK_DIR, in its
# own process group, which is killed whatever happens; the whole run gives up after 100 s.
import json
import os
import signal
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

src, dst, edits_json, work = sys.argv[1:5]
edits = json.loads(edits_json)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def give_up(signum, frame):
    raise SystemExit('lo-edit.py: %s' % ('timed out' if signum == signal.SIGALRM else 'terminated'))


signal.signal(signal.SIGALRM, give_up)
signal.signal(signal.SIGTERM, give_up)
signal.alarm(100)

pipe = 'finbook_test_%d' % os.getpid()
env = dict(os.environ, HOME=os.path.join(work, 'home'), XDG_CACHE_HOME=os.path.join(work, 'cache'), XDG_CONFIG_HOME=os.path.join(work, 'config'))
profile = 'file://' + os.path.join(work, 'profile')
office = subprocess.Popen(
    ['soffice', '-env:UserInstallation=' + profile, '--headless', '--invisible', '--nologo', '--nodefault', '--norestore', '--nolockcheck', '--accept=pipe,name=%s;urp;' % pipe],
    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    ctx = None
    while ctx is None:
        try:
            ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
        except Exception:
            if office.poll() is not None:
                raise SystemExit('lo-edit.py: soffice ended before it accepted a connection')
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), '_blank', 0, (prop('Hidden', True),))
    sheets = doc.Sheets
    for e in edits:
        op = e['op']
        sheet = sheets.getByName(e['sheet'])
        if op == 'value':
            sheet.getCellRangeByName(e['cell']).setValue(e['value'])
        elif op == 'text':
            sheet.getCellRangeByName(e['cell']).setString(e['value'])
        elif op == 'formula':
            sheet.getCellRangeByName(e['cell']).setFormula(e['formula'])
        elif op == 'insert_rows':
            sheet.Rows.insertByIndex(e['row'] - 1, e.get('count', 1))
        elif op == 'delete_rows':
            sheet.Rows.removeByIndex(e['row'] - 1, e.get('count', 1))
        elif op == 'insert_columns':
            sheet.Columns.insertByIndex(e['col'], e.get('count', 1))
        elif op == 'move':
            sheet.moveRange(sheet.getCellRangeByName(e['to']).getCellAddress(), sheet.getCellRangeByName(e['from']).getRangeAddress())
        elif op == 'move_sheet':
            sheets.moveByName(e['sheet'], e['position'])
        elif op == 'rename_sheet':
            sheet.setName(e['name'])
        else:
            raise SystemExit('lo-edit.py: unknown edit %r' % op)
    doc.calculateAll()
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge goes down with the office
finally:
    try:
        office.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(office.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
