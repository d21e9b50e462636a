// Placeholder: replaced by the rig's global setup (starts a private pcscd + vpcd for the rig tests).
export default async function setup(): Promise<void> {}
