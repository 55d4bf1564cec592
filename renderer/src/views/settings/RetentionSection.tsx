// How long alerts are kept: by age and by the database's size (empty: no limit). Files, verdicts and the answer
// history are always kept.
import { Field } from '../../components/Field';
import type { SectionProps } from './sectionProps';

export function RetentionSection({ form, errors, set }: SectionProps) {
  return (
    <section className="card settings-section" id="settings-retention" aria-labelledby="s-retention" tabIndex={-1}>
      <h2 id="s-retention">Retention</h2>
      <div className="field-grid field-grid--3">
        <Field
          label="Keep alerts (days)"
          error={errors['retention.days']}
          hint="Older alerts are removed. Empty: keep every alert."
        >
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={form.retentionDays}
              onChange={(e) => set('retentionDays', e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Keep the database under (GB)"
          error={errors['retention.maxGB']}
          hint="The oldest alerts go first. Files, verdicts and history are always kept."
        >
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={form.retentionGB}
              onChange={(e) => set('retentionGB', e.target.value)}
            />
          )}
        </Field>
      </div>
    </section>
  );
}
