// The one pattern of the names a template gives: field ids, answer keys, grid cell ids, rule references. It is also
// what the screens may send as an answer key (the contracts check it with the same pattern).
export const ID_PATTERN = /^[a-z][a-zA-Z0-9_.-]*$/;
