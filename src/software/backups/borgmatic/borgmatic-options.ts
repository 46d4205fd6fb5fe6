/**
 * Option names borgmatic accepts: the union of borgmatic 1.7.7's sectioned schema (Debian
 * bookworm, /usr/lib/python3/dist-packages/borgmatic/config/schema.yaml) and the flat schema of
 * borgmatic 2.1.8.dev0 (borgmatic/config/schema.yaml, git 5f0786e). borgmatic validates against
 * its schema and refuses unknown options (additionalProperties: false).
 */
export const BORGMATIC_SECTIONS = ['location', 'storage', 'retention', 'consistency', 'output', 'hooks'] as const;

export const BORGMATIC_OPTIONS = new Set(
  `after_actions after_backup after_check after_compact after_everything after_extract after_prune apprise archive_hostname
archive_list_format archive_name_format archive_username atime before_actions before_backup before_check before_compact
before_everything before_extract before_prune birthtime bootstrap borg_base_directory borg_cache_directory
borg_config_directory borg_exit_codes borg_files_cache_ttl borg_key_file borg_keys_directory borg_security_directory
borgmatic_source_directory btrfs check_i_know_what_i_am_doing check_last check_repositories checkpoint_interval
checkpoint_volume checks chunker_params color commands compact_threshold compression constants container cronhub cronitor
ctime debug_passphrase default_actions display_passphrase encryption_passcommand encryption_passphrase exclude_caches
exclude_from exclude_if_present exclude_nodump exclude_patterns extra_borg_options file_list_format files_cache
files_changed flags healthchecks keep_13weekly keep_3monthly keep_daily keep_exclude_tags keep_hourly keep_minutely
keep_monthly keep_secondly keep_weekly keep_within keep_yearly keepassxc list_details local_path lock_wait log_file
log_file_format log_file_verbosity log_json loki lvm mariadb_databases match_archives mongodb_databases
monitoring_verbosity msgpack_version_check mysql_databases ntfy numeric_ids on_error one_file_system pagerduty patterns
patterns_from postgresql_databases prefix progress pushover quick_statistics read_special recompress
relocated_repo_access_is_ok remote_path repositories retries retry_wait sentry skip_actions source_directories
source_directories_must_exist sqlite_databases ssh_command statistics syslog_verbosity systemd temporary_directory umask
unknown_unencrypted_repo_access_is_ok unsafe_skip_path_validation_before_create upload_buffer_size upload_rate_limit
uptime_kuma use_chunks_archive user_runtime_directory user_state_directory verbosity watchgoose working_directory zabbix zfs`.split(/\s+/),
);

/** keep_* options and the rule unit each passes to `borg prune --keep-*` (borgmatic borg/prune.py make_prune_flags). */
export const KEEP_OPTIONS = {
  keep_secondly: 'secondly',
  keep_minutely: 'minutely',
  keep_hourly: 'hourly',
  keep_daily: 'daily',
  keep_weekly: 'weekly',
  keep_monthly: 'monthly',
  keep_13weekly: '13weekly',
  keep_3monthly: '3monthly',
  keep_yearly: 'yearly',
} as const;

export const DATABASE_OPTIONS = ['postgresql_databases', 'mariadb_databases', 'mysql_databases', 'sqlite_databases', 'mongodb_databases'];

/**
 * borgmatic command-line options that take a value (borgmatic 1.7.7 commands/arguments.py and
 * 2.x), so the value is not mistaken for an action.
 */
export const OPTIONS_WITH_VALUE = new Set([
  '-c', '--config', '-v', '--verbosity', '--syslog-verbosity', '--log-file', '--log-file-verbosity', '--log-file-format',
  '--monitoring-verbosity', '--override', '--repository', '--archive', '-e', '--encryption', '--storage-quota',
  '--source-repository', '--other-repo', '--key-location', '--id-hash',
]);
