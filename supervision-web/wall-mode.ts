/** The wall-screen mode (`?mur=1`): large type, dark background, no controls to reach for. */
export function wallModeFromLocation(search: string): boolean {
  const value = new URLSearchParams(search).get('mur');
  return value === '1' || value === 'oui' || value === 'true';
}

export function setWallMode(on: boolean, rememberInAddress: boolean): void {
  document.documentElement.classList.toggle('mur', on);
  document.getElementById('bouton-mur')?.setAttribute('aria-pressed', String(on));
  if (!rememberInAddress) return;
  const url = new URL(window.location.href);
  if (on) url.searchParams.set('mur', '1');
  else url.searchParams.delete('mur');
  history.replaceState(null, '', url);
}
