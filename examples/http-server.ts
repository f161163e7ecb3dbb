// A small web server that answers "download as Excel": each GET /workbook.xlsx computes the
// model and streams its workbook into the response (no temporary file). Run it from a checkout:
// npm run build && npx esbuild examples/http-server.ts --format=esm --platform=node
// --outfile=out/http-server.mjs && node out/http-server.mjs [MODEL], then open
// http://127.0.0.1:8080/workbook.xlsx (PORT=0 picks a free port; the tests use it:
// test/api/examples.test.ts fetches the workbook over loopback and verifies it with LibreOffice).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatIssue, loadModel, writeWorkbook } from 'finbook';

const modelFile = process.argv[2] ?? 'data/iij-fy2002.yaml';

const server = createServer((req, res) => {
  if (req.method !== 'GET' || req.url !== '/workbook.xlsx') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /workbook.xlsx\n');
    return;
  }
  // the model is read on every request, so the file can change while the server runs
  const loaded = loadModel(modelFile);
  if (!loaded.ok) {
    res.writeHead(422, { 'content-type': 'text/plain; charset=utf-8' }).end(`${loaded.issues.map(formatIssue).join('\n')}\n`);
    return;
  }
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('content-disposition', 'attachment; filename="workbook.xlsx"');
  // writeWorkbook ends the response when the workbook is complete; a workbook over Excel's
  // limits comes back as issues before a byte is sent
  writeWorkbook(loaded.value, res).then(
    (written) => {
      if (written.ok) return;
      res.removeHeader('content-disposition');
      res.writeHead(422, { 'content-type': 'text/plain; charset=utf-8' }).end(`${written.issues.map(formatIssue).join('\n')}\n`);
    },
    (err: unknown) => res.destroy(err as Error),
  );
});

server.listen(Number(process.env.PORT ?? 8080), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`http://127.0.0.1:${port}/workbook.xlsx`);
});
