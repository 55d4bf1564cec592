// The quota plan: public fills VirusTotal's published numbers; premium and custom take the contracted ones.
import type { QuotaPlan } from '../../../../shared/settings';
import { Field } from '../../components/Field';
import type { SectionProps } from './sectionProps';

const PLANS: { value: QuotaPlan; label: string; hint: string }[] = [
  { value: 'public', label: 'Public', hint: '4 a minute, 500 a day, 15,500 a month' },
  { value: 'premium', label: 'Premium', hint: 'the numbers of your contract' },
  { value: 'custom', label: 'Custom', hint: 'your own limits, e.g. to share a key' },
];

export function QuotaSection({ form, errors, set, onPlan }: SectionProps & { onPlan: (plan: QuotaPlan) => void }) {
  const fixed = form.plan === 'public';
  const number = (key: 'perMinute' | 'perDay' | 'perMonth', label: string) => (
    <Field label={label} error={errors[`quota.${key}`]}>
      {(props) => (
        <input
          {...props}
          inputMode="numeric"
          readOnly={fixed}
          value={form[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <section className="card settings-section" id="settings-quota" aria-labelledby="s-quota" tabIndex={-1}>
      <h2 id="s-quota">Quota</h2>
      <fieldset className="radio-group">
        <legend>Quota plan</legend>
        {PLANS.map((plan) => (
          <label key={plan.value} className="radio">
            <input
              type="radio"
              name="quota-plan"
              value={plan.value}
              checked={form.plan === plan.value}
              onChange={() => onPlan(plan.value)}
            />
            <span>
              {plan.label} <span className="muted">({plan.hint})</span>
            </span>
          </label>
        ))}
      </fieldset>
      {errors['quota.plan'] ? <p className="field__error">{errors['quota.plan']}</p> : null}
      <div className="field-grid field-grid--3">
        {number('perMinute', 'Requests per minute')}
        {number('perDay', 'Requests per day')}
        {number('perMonth', 'Requests per month')}
      </div>
      <p className="field__hint">
        Never more than these in any 60-second window, UTC day or month; the day resets at 00:00 UTC.
      </p>
    </section>
  );
}
