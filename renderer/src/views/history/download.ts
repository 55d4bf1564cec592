/**
 * Let the browser fetch a file from this server itself (the headless server streams the export a page of the
 * database at a time: nothing of it is held in the page, whatever its size). The session cookie authorises it.
 */
export function downloadFromServer(url: string, filename: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
