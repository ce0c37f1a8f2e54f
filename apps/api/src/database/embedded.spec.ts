import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedDatabaseError, startEmbeddedPostgres } from './embedded';

describe('embedded PostgreSQL start-up', () => {
  it('explains a busy port in one plain sentence, before touching the data folder', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steady-busy-'));
    try {
      const attempt = startEmbeddedPostgres({ dataDir, port });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedDatabaseError);
      await expect(attempt).rejects.toThrow(`Port ${port} is already in use`);
      expect(fs.existsSync(path.join(dataDir, 'postgres'))).toBe(false);
    } finally {
      server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
