import { describe, expect, it } from 'vitest';
import { toCardError } from './pcsc';

// The binding reports PC/SC failures as "<call> error: <pcsc_stringify_error text>(0x<status>)".
const bindingError = (call: string, text: string, status: number) =>
  new Error(`${call} error: ${text}(0x${status.toString(16).padStart(8, '0')})`);

describe('toCardError', () => {
  it.each([
    ['SCardConnect', 'No smart card inserted.', 0x8010000c, 'NoCard'],
    ['SCardConnect', 'Sharing violation.', 0x8010000b, 'ReaderBusy'],
    ['SCardConnect', 'Unknown reader specified.', 0x80100009, 'NoReader'],
    ['SCardConnect', 'Card protocol mismatch.', 0x8010000f, 'NotMyNumberCard'],
    ['SCardTransmit', 'Card was removed.', 0x80100069, 'CardRemoved'],
    ['SCardTransmit', 'Transaction failed.', 0x80100016, 'CardRemoved'],
    ['SCardTransmit', 'Invalid handle.', 0x80100003, 'PcscUnavailable'],
    ['SCardEstablishContext', 'Service not available.', 0x8010001d, 'PcscUnavailable'],
    ['SCardGetStatusChange', 'Command timeout.', 0x8010000a, 'Timeout'],
  ] as const)('maps %s "%s" to %s', (call, text, status, code) => {
    const e = toCardError(bindingError(call, text, status), 'transmit');
    expect(e.code).toBe(code);
    expect(e.step).toBe('transmit');
  });

  it('keeps an unknown PC/SC status visible as UnexpectedStatus', () => {
    expect(toCardError(bindingError('SCardTransmit', 'Insufficient buffer.', 0x80100008), 'transmit').code).toBe('UnexpectedStatus');
  });

  it('treats the binding\'s "not connected" as a card that left', () => {
    expect(toCardError(new Error('Card Reader not connected'), 'transmit').code).toBe('CardRemoved');
  });
});
