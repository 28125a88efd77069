import { createServer } from 'node:net';

/** Asks the OS for a free loopback port (for processes that need a port number up front). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no port'));
      srv.close(() => resolve(addr.port));
    });
  });
}

export async function portOrFree(port: number | undefined): Promise<number> {
  return port && port > 0 ? port : freePort();
}
