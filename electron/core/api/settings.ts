// The settings form: read, and change (checked by the settings service against the declared destinations).
import type { SettingsService } from '../settings/settingsService';
import type { ApiHandlers } from './types';

export function settingsHandlers(settings: SettingsService): Pick<ApiHandlers, 'getSettings' | 'putSettings'> {
  return {
    getSettings: () => settings.view(),
    putSettings: (update) => {
      settings.change(update);
      return settings.view();
    },
  };
}
