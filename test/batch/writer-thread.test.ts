// The writer thread gives the same files as writing on the main thread, and a thread that dies with
// documents in hand does not lose them: they are written on the main thread instead.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WriterThread } from '../../src/batch/writer-thread.js';
import type { Document } from '../../src/model/document.js';
import { writeDocx } from '../../src/writers/docx.js';
import { writeXlsx } from '../../src/writers/xlsx.js';
import { InterruptedError } from '../../src/batch/output.js';
import { fixture } from '../helpers.js';

const doc = JSON.parse(readFileSync(fixture('documents/evaluation-form.json'), 'utf8')) as Document;

describe('the writer thread', () => {
  it('writes the same DOCX and XLSX bytes as the main thread', async () => {
    const thread = new WriterThread('');
    try {
      const [docx, xlsx] = await thread.write(doc, ['docx', 'xlsx']);
      expect(Buffer.from(docx!).equals(Buffer.from(await writeDocx(doc)))).toBe(true);
      expect(Buffer.from(xlsx!).equals(Buffer.from(await writeXlsx(doc)))).toBe(true);
    } finally {
      await thread.close();
    }
  });

  it('writes on the main thread what a dead thread had in hand, and gives up documents after close', async () => {
    const thread = new WriterThread('');
    const writing = thread.write(doc, ['xlsx']);
    // the thread dies (as if out of memory) before it answers
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(Buffer.from((await writing)[0]!).equals(Buffer.from(await writeXlsx(doc)))).toBe(true);
    await thread.close();
    await expect(thread.write(doc, ['xlsx'])).rejects.toBeInstanceOf(InterruptedError);
  });
});
