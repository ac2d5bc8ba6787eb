import { architectNames } from './names.js';

export interface SeededArchitect {
  /** Registration number at the Ordre national des architectes du Togo, `ONAT-0101`. */
  readonly registration: string;
  readonly name: string;
}

/** The world's forty registered architects (Urbanisme's register lists the same ones). */
export const seededArchitects: readonly SeededArchitect[] = Array.from({ length: 40 }, (_, i) => ({
  registration: `ONAT-${String(101 + i * 7).padStart(4, '0')}`,
  name: architectNames[i % architectNames.length] ?? 'Cabinet',
}));
