// Why a rig could not start or stop. The CLI turns each code into one Japanese + English sentence; tests show the
// message, which names paths and ports only.

export type RigErrorCode =
  | 'PcscdMissing' // the pcscd binary is not installed
  | 'VpcdMissing' // the vsmartcard-vpcd reader driver is not installed
  | 'GccMissing' // needed to build the TCP_NODELAY shim
  | 'ShimBuildFailed'
  | 'NotRoot' // a private pcscd needs a mount namespace (root)
  | 'PcscdAlreadyRunning' // another pcscd listens on the socket we want
  | 'PcscdDidNotStart'
  | 'PortsTaken'; // pcscd started but the vpcd driver could not listen on its ports

export class RigError extends Error {
  override readonly name = 'RigError';
  readonly code: RigErrorCode;

  constructor(code: RigErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
