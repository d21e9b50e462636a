// The IT staff's admin app on the service side: sign-in, the designer's versions and publishing, backgrounds,
// preview, figures and audit. See docs/admin.md.
export { AdminDesk, type AdminDeskOptions, type AdminSessionOptions, type FiguresProvider, type SignInOutcome } from './desk';
export { AdminRequestError, adminFailureOf } from './errors';
export { DesignerStore } from './store';
export { defaultDataDir, hashPassphrase, verifyPassphrase, writePassphraseHash, storedPassphraseHash, passphraseProblem, MIN_PASSPHRASE_LENGTH, CONFIG_FILE } from './config';
export { MAX_BACKGROUND_BYTES, designerBackgroundPath } from './backgrounds';
export { PACKAGE_MARK, PACKAGE_FORMAT_VERSION, type TemplatePackage } from './template-package';
