// Which alerts are looked up: integratord's filters (groups, level, rule ids, location) and file filters.
import { Field } from '../../components/Field';
import type { SectionProps } from './sectionProps';

export function FiltersSection({ form, errors, set }: SectionProps) {
  const area = (
    key: 'groups' | 'ruleIds' | 'extensions' | 'pathInclude' | 'pathExclude',
    label: string,
    hint: string,
    errorKey: string,
  ) => (
    <Field label={label} error={errors[errorKey]} hint={hint}>
      {(props) => (
        <textarea {...props} rows={3} spellCheck={false} value={form[key]} onChange={(e) => set(key, e.target.value)} />
      )}
    </Field>
  );
  return (
    <section className="card settings-section" id="settings-filters" aria-labelledby="s-filters" tabIndex={-1}>
      <h2 id="s-filters">Filters</h2>
      <p className="muted">All apply together. Empty lists let everything through.</p>
      <h3>Wazuh rules (integratord&apos;s filters)</h3>
      <div className="field-grid">
        {area('groups', 'Rule groups', 'Comma or line separated; default syscheck.', 'filters.groups')}
        {area('ruleIds', 'Rule ids', 'Comma or line separated, e.g. 550, 554.', 'filters.ruleIds')}
        <div className="field-stack">
          <Field label="Minimum rule level" error={errors['filters.minLevel']} hint="0 to 16.">
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                value={form.minLevel}
                onChange={(e) => set('minLevel', e.target.value)}
              />
            )}
          </Field>
          <Field
            label="Location pattern"
            error={errors['filters.location']}
            hint="| separates alternatives, * matches anything."
          >
            {(props) => (
              <input
                {...props}
                spellCheck={false}
                value={form.location}
                onChange={(e) => set('location', e.target.value)}
              />
            )}
          </Field>
        </div>
      </div>
      <h3>Files</h3>
      <div className="field-grid">
        {area('extensions', 'File extensions', 'Comma or line separated, e.g. .exe, .dll, .sh', 'filters.extensions')}
        {area('pathInclude', 'Paths to include', 'Globs, one per line, e.g. /var/www/**', 'filters.pathInclude')}
        {area('pathExclude', 'Paths to exclude', 'Globs, one per line, e.g. **/*.log', 'filters.pathExclude')}
      </div>
    </section>
  );
}
