// The generated nginx tree of the nginx benchmarks (bench/nginx-bench.js, bench/run.js): `servers`
// server blocks in `files` files in sites-enabled, each with a page location, a BOSH proxy
// location, some with their own access_log or Content-Security-Policy. Every log path points into
// `dir`/logs, so `nginx -t -p dir/` touches nothing outside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the tree under `dir`; returns its root, its nginx.conf and its size in bytes. */
export function generateNginxTree(dir, servers, files) {
  const root = join(dir, 'root');
  const conf = join(root, 'etc/nginx');
  const logs = join(dir, 'logs');
  mkdirSync(join(conf, 'sites-enabled'), { recursive: true });
  mkdirSync(logs, { recursive: true });
  writeFileSync(
    join(conf, 'nginx.conf'),
    [
      `error_log ${logs}/error.log;`,
      'events {}',
      'http {',
      '    server_names_hash_max_size 131072;',
      '    server_names_hash_bucket_size 128;',
      '    map $remote_addr $remote_addr_anon {',
      '        ~(?P<ip>\\d+\\.\\d+\\.\\d+)\\.    $ip.0;',
      '        default                     0.0.0.0;',
      '    }',
      `    log_format anon '$remote_addr_anon [$time_local] "$request" $status';`,
      `    access_log ${logs}/access.log;`,
      '    include sites-enabled/*.conf;',
      '}',
      '',
    ].join('\n'),
  );
  const perFile = servers / files;
  let bytes = 0;
  for (let f = 0; f < files; f += 1) {
    const parts = [];
    for (let i = 0; i < perFile; i += 1) {
      const n = f * perFile + i;
      parts.push(
        [
          'server {',
          '    listen 8080;',
          `    server_name h${n}.example www.h${n}.example;`,
          `    root /var/www/h${n};`,
          n % 3 === 0 ? `    access_log ${logs}/site-${n % 50}.log anon;` : '',
          n % 2 === 0 ? `    add_header Content-Security-Policy "default-src 'self'" always;` : '',
          '    location / {',
          '        try_files $uri $uri/ =404;',
          '    }',
          '    location /http-bind {',
          '        proxy_pass http://127.0.0.1:5280/http-bind;',
          '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
          '    }',
          '}',
          '',
        ]
          .filter((l) => l !== '')
          .join('\n'),
      );
    }
    const text = `${parts.join('\n')}\n`;
    bytes += text.length;
    writeFileSync(join(conf, 'sites-enabled', `site-${String(f).padStart(3, '0')}.conf`), text);
  }
  return { root, conf: join(conf, 'nginx.conf'), bytes };
}
