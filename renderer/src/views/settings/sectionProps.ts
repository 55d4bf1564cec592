import type { FieldErrors, SettingsForm } from './settingsForm';

export interface SectionProps {
  form: SettingsForm;
  errors: FieldErrors;
  set: <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => void;
}
