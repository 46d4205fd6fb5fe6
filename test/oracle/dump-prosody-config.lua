-- Test oracle: load a config with Prosody's OWN configmanager and print what Prosody holds, as JSON.
--
-- Usage:
--   lua5.4 test/oracle/dump-prosody-config.lua <prosody-source-dir> <config-file> [--root <dir>]
--     <prosody-source-dir>  e.g. /usr/lib/prosody (Debian); must contain core/configmanager.lua
--     <config-file>         the main config; parsed as Lua whatever its extension
--     --root <dir>          the only directory tree the config may read (default: the config's directory)
--
-- Output, one JSON document on stdout (exit status 0 in all three cases):
--   { "ok": true, "prosodyVersion": "0.12.3", "unsetEnv": [...], "files": [...], "warnings": [...],
--     "sections": { "*": { "<option>": <value>, ... }, "<host>": { ... } } }
--   { "ok": false, "prosodyVersion": "...", "unsetEnv": [...], "error": "<Prosody's error message>" }
--   { "ok": false, "prosodyVersion": "...", "unsetEnv": [...], "skipped": "<why>" }
-- ok:false + error = Prosody refuses the config; skipped = not run faithfully (see sandbox).
-- unsetEnv: environment variables the config read (ENV_X, os.getenv) that were not set, sorted.
-- files: what configmanager.files() lists, in the order the files finished loading (an included
-- file before its includer). warnings: Prosody's own (duplicate options).
-- Exit status 2 (message on stderr) for bad usage or a Prosody tree that cannot be loaded.
--
-- Values: each section lists only its OWN options (the raw table, no fallback to "*"), including
-- what VirtualHost/Component store themselves (defined, component_module, load_global_modules).
-- strings, numbers, booleans as JSON; NaN/inf as the strings "NaN", "Infinity", "-Infinity";
-- a table with keys 1..n only -> array; only string keys -> object (keys sorted); empty -> {};
-- anything else -> {"$type":"table","array":[...],"fields":{...},"other":[[key,value],...]};
-- functions/userdata/threads -> {"$type":"function"} etc.; a table inside itself -> {"$type":"cycle"};
-- a string that is not valid UTF-8 -> {"$type":"bytes","hex":"..."}.
--
-- Sandbox (so running a stranger's config cannot touch this machine and so the result only
-- depends on files under --root): reading a file outside --root (e.g. an absolute Include of
-- /etc/prosody/conf.d, which exists on a machine with Prosody installed), writing files,
-- running programs or exiting makes the result "skipped" instead of a guess. print/io.write go
-- to stderr so stdout stays JSON. ENV_* lookups read the real environment: the caller should
-- clear it (the vitest oracle passes only PATH).
--
-- One deliberate deviation: Prosody 0.12 finds the line of a duplicate option by comparing the
-- traceback's short_src with the file name (core/configmanager.lua:109-116, :137); Lua cuts
-- short_src to 59 characters, so for a config file whose path is 60 characters or longer the
-- duplicate-option warning itself fails ("bad argument #2 to 'format' (number expected, got
-- nil)") and Prosody refuses the config. Fixtures and corpus files sit at long paths, so the
-- oracle gives the traceback the full file name: the result is what Prosody does with the same
-- file at a short path such as /etc/prosody/prosody.cfg.lua.

local stdout = io.stdout;
local real_io_open, real_io_lines, real_dofile, real_loadfile = io.open, io.lines, dofile, loadfile;
local exit = os.exit;

local function usage(msg)
	io.stderr:write("dump-prosody-config: ", msg, "\n",
		"usage: lua5.4 dump-prosody-config.lua <prosody-source-dir> <config-file> [--root <dir>]\n");
	exit(2);
end

local source_dir, config_file, root = arg[1], arg[2], nil;
if not source_dir or not config_file then usage("missing arguments"); end
do
	local i = 3;
	while arg[i] do
		if arg[i] == "--root" and arg[i + 1] then
			root = arg[i + 1]; i = i + 2;

		else
			usage("unexpected argument " .. arg[i]);
		end
	end
end

-------------------------------------------------------------------------------------------------
-- JSON encoding (no external modules)

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
	['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' };

local function json_string(s)
	return '"' .. s:gsub('[\0-\31"\\\127]', function (c)
		return escapes[c] or string.format("\\u%04x", c:byte());
	end) .. '"';
end

local function json_number(n)
	if n ~= n then return '"NaN"'; end
	if n == math.huge then return '"Infinity"'; end
	if n == -math.huge then return '"-Infinity"'; end
	if math.type(n) == "integer" then return string.format("%d", n); end
	-- Integral floats print without ".0" (and -0.0 as 0) so JSON.parse gives the same number.
	if n == math.floor(n) and math.abs(n) < 2^53 then return string.format("%d", math.tointeger(n)); end
	return string.format("%.17g", n);
end

local encode_value;

local function sorted_keys(keys, by)
	table.sort(keys, function (a, b) return by(a) < by(b); end);
	return keys;
end

local function encode_object(t, keys, stack, depth)
	local parts = {};
	for _, k in ipairs(sorted_keys(keys, function (k) return k; end)) do
		parts[#parts + 1] = json_string(k) .. ":" .. encode_value(rawget(t, k), stack, depth);
	end
	return "{" .. table.concat(parts, ",") .. "}";
end

local function encode_table(t, stack, depth)
	local n = 0;
	while rawget(t, n + 1) ~= nil do n = n + 1; end
	local strings, others = {}, {};
	for k in next, t do
		if type(k) == "string" then
			strings[#strings + 1] = k;
		elseif not (math.type(k) == "integer" and k >= 1 and k <= n) then
			others[#others + 1] = k;
		end
	end
	local items = {};
	for i = 1, n do items[i] = encode_value(rawget(t, i), stack, depth); end
	local array = "[" .. table.concat(items, ",") .. "]";
	if #others == 0 and #strings == 0 then
		return n > 0 and array or "{}";
	end
	if #others == 0 and n == 0 then
		return encode_object(t, strings, stack, depth);
	end
	local other_parts = {};
	for _, k in ipairs(others) do
		other_parts[#other_parts + 1] = { encode_value(k, stack, depth), encode_value(rawget(t, k), stack, depth) };
	end
	table.sort(other_parts, function (a, b) return a[1] < b[1]; end);
	for i, pair in ipairs(other_parts) do other_parts[i] = "[" .. pair[1] .. "," .. pair[2] .. "]"; end
	return '{"$type":"table","array":' .. array .. ',"fields":' .. encode_object(t, strings, stack, depth)
		.. ',"other":[' .. table.concat(other_parts, ",") .. "]}";
end

function encode_value(v, stack, depth)
	local t = type(v);
	if t == "string" then
		if not utf8.len(v) then
			return '{"$type":"bytes","hex":"' .. v:gsub(".", function (c) return string.format("%02x", c:byte()); end) .. '"}';
		end
		return json_string(v);
	elseif t == "number" then
		return json_number(v);
	elseif t == "boolean" then
		return tostring(v);
	elseif t == "table" then
		if stack[v] then return '{"$type":"cycle"}'; end
		if depth > 64 then return '{"$type":"too-deep"}'; end
		stack[v] = true;
		local s = encode_table(v, stack, depth + 1);
		stack[v] = nil;
		return s;
	end
	return '{"$type":"' .. t .. '"}';
end

local function json_array_of_strings(list)
	local parts = {};
	for i, s in ipairs(list) do parts[i] = encode_value(tostring(s), {}, 0); end
	return "[" .. table.concat(parts, ",") .. "]";
end

-------------------------------------------------------------------------------------------------
-- Paths

local function cwd()
	local ok, lfs = pcall(require, "lfs");
	if ok then return lfs.currentdir(); end
	return os.getenv("PWD") or "/";
end

-- Absolute, with "." and ".." collapsed, so "root/../etc" cannot pass for a path under root.
local function normalize(path)
	if path:sub(1, 1) ~= "/" then path = cwd() .. "/" .. path; end
	local parts = {};
	for part in path:gmatch("[^/]+") do
		if part == ".." then
			parts[#parts] = nil;
		elseif part ~= "." then
			parts[#parts + 1] = part;
		end
	end
	return "/" .. table.concat(parts, "/");
end

config_file = normalize(config_file);
root = normalize(root or config_file:match("^(.*)/[^/]*$") or "/");

local function under_root(path)
	local p = normalize(path);
	return p == root or root == "/" or p:sub(1, #root + 1) == root .. "/";
end

-------------------------------------------------------------------------------------------------
-- Sandbox (see header). Installed before configmanager is required: it captures dofile as a local.

local skip_reason = nil;
local function skip(reason)
	skip_reason = skip_reason or reason;
	error("dump-prosody-config sandbox: " .. reason, 0);
end

local function check_read(path, what)
	if type(path) == "string" and not under_root(path) then
		skip(what .. " reads " .. path .. ", outside " .. root);
	end
end

io.open = function (path, mode)
	if type(mode) == "string" and mode:match("[wa+]") then
		skip("the config opens " .. tostring(path) .. " for writing");
	end
	check_read(path, "io.open");
	return real_io_open(path, mode);
end
io.lines = function (path, ...)
	check_read(path, "io.lines");
	return real_io_lines(path, ...);
end
_G.dofile = function (path)
	if path == nil then skip("dofile() reads stdin"); end
	check_read(path, "dofile (RunScript)");
	return real_dofile(path);
end
_G.loadfile = function (path, ...)
	check_read(path, "loadfile");
	return real_loadfile(path, ...);
end
for _, name in ipairs { "input", "output", "popen", "tmpfile" } do
	io[name] = function () skip("the config calls io." .. name); end
end
for _, name in ipairs { "execute", "remove", "rename", "exit", "tmpname" } do
	os[name] = function () skip("the config calls os." .. name); end
end
do
	local ok, lfs = pcall(require, "lfs");
	if ok and type(lfs) == "table" then
		local real_dir = lfs.dir;
		lfs.dir = function (path)
			check_read(path, "lfs.dir (wildcard Include)");
			local ok, iter, state = pcall(real_dir, path);
			-- Re-raise at the caller, so the message names configmanager.lua as unwrapped Prosody's does.
			if not ok then error((tostring(iter):gsub("^[^:]*:%d+: ", "")), 2); end
			return iter, state;
		end
		for _, name in ipairs { "mkdir", "rmdir", "touch", "link", "lock", "unlock", "lock_dir", "setmode" } do
			if lfs[name] then lfs[name] = function () skip("the config calls lfs." .. name); end end
		end
	end
end
-- Keep stdout for the JSON: anything the config prints goes to stderr.
_G.print = function (...)
	local parts = table.pack(...);
	for i = 1, parts.n do parts[i] = tostring(parts[i]); end
	io.stderr:write(table.concat(parts, "\t"), "\n");
end
io.write = function (...) return io.stderr:write(...); end
io.stdout = io.stderr;

-------------------------------------------------------------------------------------------------
-- The globals Prosody's process has when it reads its config (the config env falls back to _G
-- in 0.12: core/configmanager.lua:127-131). Prosody 0.12 /usr/bin/prosody:14-17 (CFG_*),
-- util/startup.lua:66-90 (read_config sets CFG_CONFIGDIR), :241-280 (init_global_state).

local config_dir = config_file:match("^(.*)/[^/]*$") or "/";
CFG_SOURCEDIR = source_dir;
CFG_CONFIGDIR = config_dir;
CFG_PLUGINDIR = source_dir .. "/modules/";
CFG_DATADIR = "/var/lib/prosody";
local function no_log() end
prosody = {
	process_type = "prosody",
	bare_sessions = {}, full_sessions = {}, hosts = {},
	paths = { source = source_dir, config = config_dir, plugins = CFG_PLUGINDIR, data = "data" },
	opts = {}, config_file = config_file, arg = { [0] = "/usr/bin/prosody" },
	platform = "posix", installed = true, log = no_log,
};
bare_sessions, full_sessions, hosts = prosody.bare_sessions, prosody.full_sessions, prosody.hosts;
log = no_log;
arg = prosody.arg;

-------------------------------------------------------------------------------------------------
-- Load with Prosody's own code

package.path = source_dir .. "/?.lua;" .. package.path;
package.cpath = source_dir .. "/?.so;" .. package.cpath;

local prosody_version = "unknown";
do
	local f = real_io_open(source_dir .. "/prosody.version");
	if f then prosody_version = (f:read("*l") or "unknown"):gsub("%s+$", ""); f:close(); end
end

-- See "deliberate deviation" above; configmanager captures get_traceback_table when required.
do
	local ok, debug_util = pcall(require, "util.debug");
	if ok and type(debug_util) == "table" and debug_util.get_traceback_table then
		local real_get_traceback_table = debug_util.get_traceback_table;
		debug_util.get_traceback_table = function (thread, start_level)
			-- One level more without a thread: this wrapper is a frame of its own.
			local levels = real_get_traceback_table(thread, thread and start_level or (start_level or 1) + 1);
			for _, level in ipairs(levels) do
				local info = level.info;
				if info and type(info.source) == "string" and info.source:sub(1, 1) == "@" then
					info.short_src = info.source:sub(2);
				end
			end
			return levels;
		end
	end
end

local ok_require, configmanager = pcall(require, "core.configmanager");
if not ok_require then
	io.stderr:write("dump-prosody-config: cannot load core.configmanager from ", source_dir, ": ",
		tostring(configmanager), "\n");
	exit(2);
end

-- The format is forced to "lua": configmanager.load otherwise takes it from the file extension
-- (0.12 core/configmanager.lua:79) and refuses corpus files named *.dist, *.j2 or *.template,
-- whereas privacy-lint reads any file it is given as Lua.
-- Which variables the config read that the environment lacks (ENV_X goes through os.getenv at
-- call time, 0.12 core/configmanager.lua:128-130): a refusal after reading one may only be due to
-- the empty environment the oracle runs in. Wrapped only now, after Prosody's own requires.
local unset_env, unset_env_seen = {}, {};
do
	local real_getenv = os.getenv;
	os.getenv = function (name)
		local value = real_getenv(name);
		if value == nil and not unset_env_seen[tostring(name)] then
			unset_env_seen[tostring(name)] = true;
			unset_env[#unset_env + 1] = tostring(name);
		end
		return value;
	end
end
local ok_call, ok, level, err = pcall(configmanager.load, config_file, "lua");
if not ok_call then ok, level, err = nil, "oracle", ok; end

table.sort(unset_env);
local head = '{"prosodyVersion":' .. json_string(prosody_version) .. ',"unsetEnv":' .. json_array_of_strings(unset_env);
if skip_reason then
	stdout:write(head, ',"ok":false,"skipped":', json_string(skip_reason), "}\n");
elseif not ok then
	stdout:write(head, ',"ok":false,"error":', json_string(tostring(err or level)), "}\n");
else
	local config = configmanager.getconfig();
	local names = {};
	for name in next, config do names[#names + 1] = tostring(name); end
	table.sort(names);
	local sections = {};
	for _, name in ipairs(names) do
		local section = rawget(config, name);
		local keys, keyed = {}, {};
		for k, v in next, section do
			-- Only table-form sections (VirtualHost "h" { [1] = x }) can have non-string option names.
			local key = type(k) == "string" and k or ("[" .. tostring(k) .. "]");
			keys[#keys + 1] = key; keyed[key] = v;
		end
		sections[#sections + 1] = json_string(name) .. ":" .. encode_object(keyed, keys, {}, 0);
	end
	stdout:write(head, ',"ok":true,"files":', json_array_of_strings(configmanager.files()),
		',"warnings":', json_array_of_strings(type(err) == "table" and err or {}),
		',"sections":{', table.concat(sections, ","), "}}\n");
end
stdout:flush();
