// Placeholder until this command lands.
export async function run(_args: string[]): Promise<number> {
  console.error('まだ実装されていません / Not implemented yet');
  return 2;
}
