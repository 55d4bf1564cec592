// Credentials other than the VirusTotal key live in named slots (see EngineOptions.secretSlot). Without a store
// given (tests), each slot is kept in memory for the run; one object per name, so a slot read twice is the same.
import type { SecretStore } from './settingsService';

export type SecretSlots = (name: string) => SecretStore;

export function memorySecretSlots(): SecretSlots {
  const slots = new Map<string, SecretStore>();
  return (name) => {
    let slot = slots.get(name);
    if (!slot) {
      let value: string | null = null;
      slot = {
        kind: 'memory',
        encrypted: false,
        message: 'kept in memory until the app stops',
        get: () => value,
        set: (v) => void (value = v),
      };
      slots.set(name, slot);
    }
    return slot;
  };
}

/** The same slot object for the same name, whatever the factory does (files are read on each get anyway). */
export function cachedSlots(make: SecretSlots): SecretSlots {
  const slots = new Map<string, SecretStore>();
  return (name) => {
    let slot = slots.get(name);
    if (!slot) slots.set(name, (slot = make(name)));
    return slot;
  };
}
