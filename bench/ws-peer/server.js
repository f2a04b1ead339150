'use strict';
// The bench's fan-out peer (./taskstream bench --only fanout): a plain `ws` server doing the broadcast
// websocket-service does, so the two are measured side by side by the same Java client.
//
//   node --expose-gc server.js <port>
//
// GET /health        200 (the bench waits for it)
// ws  /ws            a subscriber: gets {"type":"hello"} once, then every broadcast message
// ws  /control       each text message is sent to every open subscriber (the ws README's broadcast loop);
//                    "!stats" instead answers {"connections","rss","heap_used","external","array_buffers"}
//                    after a full GC (bytes)
const http = require('http');
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2] || 0);
const subscribers = new Set();
const HELLO = '{"type":"hello"}';

const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'text/plain' });
  res.end(req.url === '/health' ? 'ok' : 'not found');
});
const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false });

server.on('upgrade', (req, socket, head) => {
  const path = req.url.split('?')[0];
  if (path !== '/ws' && path !== '/control') {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => (path === '/ws' ? subscribe(ws) : control(ws)));
});

function subscribe(ws) {
  subscribers.add(ws);
  ws.on('close', () => subscribers.delete(ws));
  ws.on('error', () => subscribers.delete(ws));
  ws.send(HELLO);
}

function control(ws) {
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.length === 6 && data.toString() === '!stats') {
      if (global.gc) {
        global.gc();
      }
      const m = process.memoryUsage();
      ws.send(JSON.stringify({
        connections: subscribers.size, rss: m.rss, heap_used: m.heapUsed, external: m.external,
        array_buffers: m.arrayBuffers, gc: Boolean(global.gc),
      }));
      return;
    }
    for (const client of subscribers) {
      if (client.readyState === WebSocket.OPEN) {
        client.send(data, { binary: isBinary });
      }
    }
  });
}

server.listen(port, '127.0.0.1', () => {
  console.log(`ws peer listening on 127.0.0.1:${server.address().port} (ws ${require('ws/package.json').version}, node ${process.version})`);
});
process.on('SIGTERM', () => process.exit(0));
