import { describe, expect, it } from 'vitest';
import { findingsOf, lintFixture, placeOf } from '../../helpers/lint-fixture.js';

const CFG = 'etc/ejabberd/ejabberd.yml';

/**
 * Options ejabberd 23.01 does not know. The texts after "refuses to start: " are
 * econf:format_error/2's for the same error, as Debian's 23.01 prints them (compared with
 * `erl -eval 'econf:format_error({unknown_option, Known, Opt}, Ctx)'`); the real server stops
 * with "Failed to start ejabberd application: " and that text.
 */
describe('ejabberd options the assumed release refuses', () => {
  it('an option of a later release and a misspelled module option are config errors, as ejabberd words them', async () => {
    const result = await lintFixture('ejabberd/release-options');
    const errors = findingsOf(result, 'config-error');
    expect(errors.map((e) => placeOf(result, e))).toEqual([`${CFG}:6:1`, `${CFG}:19:5`]);
    expect(errors[0]!.message).toBe(
      // update_sql_schema: first in processone/ejabberd tag 23.10 (src/ejabberd_options.erl opt_type clauses).
      'ejabberd 23.01 refuses to start: Unknown option: update_sql_schema. Did you mean new_sql_schema? ' +
        'update_sql_schema exists from ejabberd 23.10: the config seems written for 23.10 or later; if the server runs that, set versions.ejabberd: "23.10"',
    );
    expect(errors[1]!.message).toBe(
      'ejabberd 23.01 refuses to start: Invalid value of option modules->mod_mam: Unknown option: request_activates_archive. Did you mean request_activates_archiving? ' +
        'Available options are: access_preferences, assume_mam_usage, cache_life_time, cache_missed, cache_size, clear_archive_on_room_destroy, compress_xml, db_type, default, ' +
        'request_activates_archiving, use_cache, user_mucsub_from_muc_archive. If the server runs another release, name it in versions.ejabberd',
    );
    expect(result.findings.filter((f) => f.severity === 'error')).toHaveLength(2);
  });

  it('old options that 23.01 converts or drops (it starts, with a warning) are warnings, not errors', async () => {
    // Checked against the real 23.01: "Option 'log_rotate_date' is deprecated and has no effect anymore", then it starts.
    const result = await lintFixture('ejabberd/release-options-old');
    expect(findingsOf(result, 'config-error')).toEqual([]);
    const warnings = findingsOf(result, 'config-warning');
    expect(warnings.map((w) => placeOf(result, w))).toEqual([`${CFG}:6:1`, `${CFG}:7:1`]);
    expect(warnings[0]!.message).toMatch(/^log_rotate_date is an old option that ejabberd 23.01 converts or ignores/);
  });
});
