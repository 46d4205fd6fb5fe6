/** The tree an nginx configuration file parses into, with a position for every piece. */

/** A word as nginx stores it (quotes removed, `\"` `\'` `\\` `\t` `\r` `\n` unescaped). */
export interface NginxWord {
  value: string;
  /** Written in single or double quotes. */
  quoted: boolean;
  line: number;
  column: number;
}

/** Raw text of a `*_by_lua_block { ... }` body: Lua, not nginx syntax. */
export interface LuaBody {
  text: string;
  /** Position of the first character after `{`. */
  line: number;
  column: number;
}

/** `name args... ;` or `name args... { block }`; positioned at the directive name. */
export interface NginxStatement {
  name: string;
  args: NginxWord[];
  /** Absolute path of the file the statement was read from. */
  file: string;
  line: number;
  column: number;
  block?: NginxStatement[];
  luaBody?: LuaBody;
}
