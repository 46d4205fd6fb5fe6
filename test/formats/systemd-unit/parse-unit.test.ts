import { describe, expect, it } from 'vitest';
import { parseUnitFile, positionInValue, unitList, unitValue } from '../../../src/formats/systemd-unit/parse-unit.js';

const F = '/r/etc/systemd/system/x.service';

describe('parseUnitFile', () => {
  it('keeps every assignment in order with key and value positions', () => {
    const unit = parseUnitFile('# c\n; c\n[Unit]\nDescription = Clean up  \n\n[Service]\n  ExecStart=/bin/a one\nExecStart=/bin/b\n', F);
    expect(unit.diagnostics).toEqual([]);
    expect(unit.assignments.map((a) => [a.section, a.key, a.value])).toEqual([
      ['Unit', 'Description', 'Clean up'],
      ['Service', 'ExecStart', '/bin/a one'],
      ['Service', 'ExecStart', '/bin/b'],
    ]);
    expect(unit.assignments[0]!.valueAt).toEqual({ file: F, line: 4, column: 15 });
    expect(unit.assignments[1]!.keyAt).toEqual({ file: F, line: 7, column: 3 });
    expect(unit.assignments[1]!.valueAt).toEqual({ file: F, line: 7, column: 13 });
  });

  it('joins continued lines with a space, skipping comment lines inside, and positions each piece', () => {
    const unit = parseUnitFile('[Service]\nExecStart=/bin/sh -c \\\n# a comment\n    "find /x \\\n  -delete"\nUser=ejabberd\n', F);
    const a = unit.assignments[0]!;
    expect(a.value).toBe('/bin/sh -c  "find /x  -delete"');
    expect(positionInValue(a, 0)).toEqual({ file: F, line: 2, column: 11 });
    const find = a.value.indexOf('find');
    expect(positionInValue(a, find)).toEqual({ file: F, line: 4, column: 6 });
    const del = a.value.indexOf('-delete');
    expect(positionInValue(a, del)).toEqual({ file: F, line: 5, column: 3 });
    expect(unit.assignments[1]!.key).toBe('User');
  });

  it('resets a list on an empty assignment, across the unit and its drop-ins', () => {
    const main = parseUnitFile('[Timer]\nOnCalendar=daily\nOnCalendar=weekly\nAccuracySec=1h\n', '/r/a.timer');
    const dropIn = parseUnitFile('[Timer]\nOnCalendar=\nOnCalendar=hourly\nAccuracySec=\n', '/r/a.timer.d/o.conf');
    expect(unitList([main], 'Timer', 'OnCalendar').map((a) => a.value)).toEqual(['daily', 'weekly']);
    expect(unitList([main, dropIn], 'Timer', 'OnCalendar').map((a) => [a.value, a.keyAt.file])).toEqual([['hourly', '/r/a.timer.d/o.conf']]);
    expect(unitValue([main], 'Timer', 'AccuracySec')?.value).toBe('1h');
    expect(unitValue([main, dropIn], 'Timer', 'AccuracySec')).toBeUndefined();
  });

  it('reports lines that are not assignments, sections or comments, and goes on', () => {
    const unit = parseUnitFile('Key=outside\n[Timer\n[Timer]\nnot an assignment\nOnCalendar=daily\n', F);
    expect(unit.diagnostics.map((d) => [d.code, d.position.line, d.position.column, d.message])).toEqual([
      ['parse-error', 1, 1, 'Assignment "Key=" outside any section: expected a [Section] header before it'],
      ['parse-error', 2, 1, 'Invalid section header "[Timer": expected "[Name]" alone on the line'],
      ['parse-error', 4, 1, 'Invalid line "not an assignment": expected Key=value, a [Section] header or a comment'],
    ]);
    expect(unit.assignments.map((a) => a.value)).toEqual(['daily']);
  });
});
