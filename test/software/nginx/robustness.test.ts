import { describe, expect, it } from 'vitest';
import { locate, readFixture, sink } from './fixture.js';

describe('nginx reader on broken or unusual input', () => {
  it('reports parse errors at exact positions and still reads the directives around them', () => {
    const reading = readFixture('parse-errors');
    const at = (needle: string, offset = 0) => {
      const p = locate('parse-errors', needle);
      return { ...p, column: p.column + offset };
    };
    expect(reading.diagnostics.map((d) => ({ code: d.code, message: d.message, position: d.position }))).toEqual([
      { code: 'parse-error', message: 'missing ";" after "broken.example": "access_log" on the next line starts a new directive', position: at('broken.example', 'broken.example'.length) },
      { code: 'parse-error', message: 'unexpected "}": missing ";" before it', position: { ...at('root /var/www/broken'), line: at('root /var/www/broken').line + 1, column: 9 } },
      { code: 'parse-error', message: 'unexpected "x" after a quoted string', position: at('"ok"x', 4) },
      { code: 'parse-error', message: 'unexpected "}": no block is open here', position: { ...at('server_tokens off'), line: at('server_tokens off').line - 1 } },
    ]);
    expect(sink(reading, '/var/log/nginx/broken.log').evidence[0]).toMatchObject(locate('parse-errors', 'access_log'));
  });

  it('reads a file whose blocks are never closed up to its end', () => {
    const reading = readFixture('parse-errors', 'etc/nginx/unclosed.conf');
    expect(reading.diagnostics).toEqual([
      { code: 'parse-error', message: 'unexpected end of file, expecting "}" (2 blocks not closed)', position: { file: locate('parse-errors', 'http', 'etc/nginx/unclosed.conf').file, line: 5, column: 1 } },
    ]);
    expect(sink(reading, '/var/log/nginx/unclosed.log').carriesIpAddresses).toBe(true);
  });

  it('skips *_by_lua_block bodies as Lua and flags log_by_lua_block as code it cannot read', () => {
    const reading = readFixture('lua');
    expect(reading.diagnostics).toEqual([
      {
        code: 'unknown-value',
        message: 'log_by_lua_block runs Lua code at log time; what it records (ngx.var.remote_addr, ...) is not read by privacy-lint',
        position: locate('lua', 'log_by_lua_block'),
      },
    ]);
    expect(sink(reading, '/var/log/nginx/after-lua.log').evidence[0]).toMatchObject(locate('lua', 'access_log /var/log/nginx/after-lua.log'));
  });

  it('reports a log format used before it is defined, as nginx does', () => {
    const reading = readFixture('format-order');
    expect(reading.diagnostics).toEqual([
      { code: 'config-error', message: 'unknown log format "late" (log_format must come before the access_log that uses it); nginx refuses to start', position: locate('format-order', 'late;') },
    ]);
    expect(sink(reading, '/var/log/nginx/early.log').carriesIpAddresses).toBe('unknown');
  });
});
