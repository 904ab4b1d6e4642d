// Where the login page sends the user back to: the page they were on when the session ran out
// (?redirect=…), only if it is a path of this console; "//host" and "/\host" would leave the site.
export function returnPath(redirect: unknown): string {
  if (typeof redirect !== 'string' || !redirect.startsWith('/')) return '/'
  if (redirect.startsWith('//') || redirect.startsWith('/\\')) return '/'
  if (redirect.startsWith('/login')) return '/'
  return redirect
}
