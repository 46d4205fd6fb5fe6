/**
 * Where each distribution's Apache httpd keeps its main file, relative to --root, and the
 * compiled-in HTTPD_ROOT that relative paths in it resolve against until a ServerRoot line
 * (`httpd -V`): Debian /etc/apache2/apache2.conf; RHEL/Fedora /etc/httpd/conf/httpd.conf
 * (conf.d/*.conf); openSUSE and Alpine /etc/apache2/httpd.conf (openSUSE: vhosts.d/*.conf,
 * Alpine: conf.d/*.conf, both included by absolute paths); FreeBSD's port
 * /usr/local/etc/apache24/httpd.conf (ServerRoot "/usr/local", Include etc/apache24/Includes/*.conf).
 */
export const APACHE_MAIN_FILES = ['etc/apache2/apache2.conf', 'etc/httpd/conf/httpd.conf', 'etc/apache2/httpd.conf', 'usr/local/etc/apache24/httpd.conf'];

/** The compiled-in server root for a main file (a system path). */
export function compiledServerRoot(main: string): string {
  if (main.startsWith('/etc/httpd/')) return '/etc/httpd';
  if (main.startsWith('/usr/local/etc/apache24/')) return '/usr/local';
  return '/etc/apache2';
}
