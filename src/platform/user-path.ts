import * as vscode from 'vscode';

/**
 * A file or folder a user names in a setting: a URI as written; a relative path against the first
 * workspace folder; an absolute path on the workspace's file system (so that it also works in a remote
 * or virtual workspace on the web).
 */
export function userPathUri(path: string): vscode.Uri {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return vscode.Uri.parse(path);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const absolute = path.startsWith('/') || /^[a-z]:[\\/]/i.test(path);
  if (!folder) return vscode.Uri.file(path);
  if (absolute) return folder.scheme === 'file' ? vscode.Uri.file(path) : folder.with({ path });
  return vscode.Uri.joinPath(folder, path);
}

/** A file as users name it: a path on their disk, or the URI of a remote or virtual one. */
export function shownUri(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
