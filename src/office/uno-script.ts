// The Python half of the long-lived LibreOffice (server.ts): run as `python3 -c UNO_SCRIPT
// SOFFICE PROFILE_URL PIPE_NAME DIR`. It starts soffice listening on a named pipe, connects
// through python3-uno, says {"ready": true} on stdout, then converts one file per line of
// JSON on stdin ({"in", "out", "filter"}) and answers each with one line of JSON. At the
// end of its input (finbook exiting, or gone) it ends soffice. Exit code 4: no python3-uno.
//
// A document is loaded hidden and stored with the export filter, as `soffice --convert-to`
// does (LibreOffice's desktop/source/app/dispatchwatcher.cxx), then closed. A request with
// "recalc" has every formula recalculated first (XCalculatable.calculateAll, Data >
// Calculate > Recalculate Hard): a LibreOffice finbook did not start may have another
// "Recalculation on file load" setting than finbook's profile, and must not hand back the
// cached values unchecked.
//
// Run as `python3 -c UNO_SCRIPT --connect - PIPE_NAME DIR`, it starts nothing: it connects to a
// LibreOffice already listening on that pipe (FINBOOK_OFFICE_PIPE, server.ts), and leaves it
// running at the end.
export const UNO_SCRIPT = String.raw`
import atexit, json, os, shutil, signal, subprocess, sys, time
try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except Exception as e:
    sys.stderr.write('python3-uno is not available: %s\n' % e)
    sys.exit(4)

program, profile_url, pipe_name, own_dir = sys.argv[1:5]
connect_only = program == '--connect'
proc = None

# finbook ends this script with SIGKILL (and removes the directory) itself; the script ends on
# its own only when finbook is gone (its input ended, or its output broke: finbook was killed)
# or it failed, and then it ends the soffice it started and removes the directory
def clean_up():
    if proc is not None and proc.poll() is None:
        end_office(proc)
    shutil.rmtree(own_dir, ignore_errors=True)

atexit.register(clean_up)

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

def end_office(proc):
    try:
        proc.kill()
    except Exception:
        pass

class Outside:
    # a LibreOffice someone else started and keeps: never ended from here
    pid = None
    returncode = None
    def poll(self):
        return None
    def kill(self):
        pass
    def wait(self, timeout=None):
        return None

proc = Outside() if connect_only else subprocess.Popen(
    [program, '-env:UserInstallation=' + profile_url, '--headless', '--invisible', '--nologo',
     '--nodefault', '--norestore', '--nolockcheck', '--accept=pipe,name=' + pipe_name + ';urp;'],
    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sys.stderr)
started = time.time()
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
while True:
    try:
        ctx = resolver.resolve('uno:pipe,name=' + pipe_name + ';urp;StarOffice.ComponentContext')
        break
    except NoConnectException:
        if proc.poll() is not None:
            sys.stderr.write('soffice exited (%s) before it accepted a connection\n' % proc.returncode)
            sys.exit(3)
        if connect_only and time.time() - started > 60:
            sys.stderr.write('no LibreOffice accepts connections on the pipe %s (FINBOOK_OFFICE_PIPE)\n' % pipe_name)
            sys.exit(3)
        time.sleep(0.05)
desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
sys.stdout.write(json.dumps({'ready': True, 'pid': proc.pid}) + '\n')
sys.stdout.flush()

for line in sys.stdin:
    req = json.loads(line)
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(req['in']), '_blank', 0, (prop('Hidden', True),))
        if doc is None:
            raise RuntimeError('LibreOffice could not open the file')
        try:
            if req.get('recalc'):
                doc.calculateAll()
            doc.storeToURL(uno.systemPathToFileUrl(req['out']), (prop('FilterName', req['filter']), prop('Overwrite', True)))
        finally:
            doc.close(True)
        reply = {'ok': True}
    except Exception as e:
        try:
            desktop.getFrames().getCount()
        except Exception:
            # the office itself is gone (killed, crashed): say so by ending, finbook starts another
            sys.stderr.write('LibreOffice went away during the conversion: %s\n' % (str(getattr(e, 'Message', '') or e).strip() or type(e).__name__))
            end_office(proc)
            sys.exit(5)
        reply = {'ok': False, 'error': str(getattr(e, 'Message', '') or e).strip() or type(e).__name__}
    sys.stdout.write(json.dumps(reply) + '\n')
    sys.stdout.flush()

if not connect_only:
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        proc.wait(timeout=10)
    except Exception:
        end_office(proc)
`;
