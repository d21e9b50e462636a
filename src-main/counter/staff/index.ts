// The city's staff: named clerks and IT staff, each with their own passphrase and role. See docs/admin.md.
export { FileStaffDirectory, staffName, STAFF_FILE, STAFF_ROLES, type StaffDirectory, type StaffMember, type StaffRole } from './directory';
export { StaffSignIn, type StaffCheck } from './sign-in';
