// What a joined kiosk forwards is what its own queue holds: a signed form keeps the resident's signature in its values
// (so a desk can draw the form again), and the hall must take it.
import { expect, it } from 'vitest';
import { hallContract } from './hall';

const submission = (values: Record<string, string | boolean>) => ({
  submissionKey: 'k-1',
  day: '2026-12-05',
  procedureId: 'resident-move',
  forms: [{ templateId: 'resident-move', templateVersion: 1, pdfBase64: 'JVBERi0=', values }],
});
// A pad signature as the kiosk's queue keeps it: a PNG of tens of kilobytes, base64.
const signature = `image/png;base64,${Buffer.alloc(40_000, 7).toString('base64')}`;

it("takes a signed form's signature in its values, as the kiosk's queue keeps it", () => {
  const parsed = hallContract.params['kiosk.submit'].safeParse(submission({ 'move.signature': signature, 'form:imagesKept': true, kana: 'みほん はなこ' }));
  expect(parsed.success).toBe(true);
  expect(hallContract.params['kiosk.submitBatch'].safeParse({ submissions: [submission({ 'move.signature': signature })] }).success).toBe(true);
});

it('still refuses a long text that is not an image, and an image that is not base64 PNG', () => {
  expect(hallContract.params['kiosk.submit'].safeParse(submission({ note: 'あ'.repeat(2001) })).success).toBe(false);
  expect(hallContract.params['kiosk.submit'].safeParse(submission({ 'move.signature': `image/png;base64,${'<'.repeat(3000)}` })).success).toBe(false);
});
