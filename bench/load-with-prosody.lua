-- Benchmark baseline: load a config with Prosody's own core/configmanager.lua and nothing else
-- (no JSON, no sandbox), the way Prosody 0.12 reads it at startup (util/startup.lua:66-90).
-- Usage: lua5.4 bench/load-with-prosody.lua <prosody-source-dir> <config-file>
-- Prints one JSON line: {"ok":true,"sections":N,"ms":<CPU time (os.clock) spent in configmanager.load>}.
local source_dir, config_file = arg[1], arg[2];
if not source_dir or not config_file then
	io.stderr:write("usage: lua5.4 bench/load-with-prosody.lua <prosody-source-dir> <config-file>\n");
	os.exit(2);
end
package.path = source_dir .. "/?.lua;" .. package.path;
package.cpath = source_dir .. "/?.so;" .. package.cpath;
local configmanager = require "core.configmanager";

local started = os.clock();
-- Format forced to "lua", as in test/oracle/dump-prosody-config.lua.
local ok, _, err = configmanager.load(config_file, "lua");
local ms = (os.clock() - started) * 1000;
if not ok then
	io.stderr:write("Prosody refused ", config_file, ": ", tostring(err), "\n");
	os.exit(1);
end
local sections = 0;
for _ in next, configmanager.getconfig() do sections = sections + 1; end
io.stdout:write(string.format('{"ok":true,"sections":%d,"ms":%.1f}\n', sections, ms));
