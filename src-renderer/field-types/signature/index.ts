import { defineBrowserPart } from '../registry';
import { SignatureInput } from './input';
import { signaturePanel } from './panel';

export const signaturePart = defineBrowserPart({ Input: SignatureInput, panel: signaturePanel, inline: false, typesText: false });
