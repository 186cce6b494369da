import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file-system path of a file: URI, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** A URI's last path segment, decoded, for labels and messages (the URI itself when it has none). */
export function fileNameOf(uri: string): string {
  const p = uri.split(/[?#]/)[0];
  try {
    return decodeURIComponent(p.slice(p.lastIndexOf('/') + 1)) || uri;
  } catch {
    return p.slice(p.lastIndexOf('/') + 1) || uri;
  }
}
