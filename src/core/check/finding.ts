/** Stable codes of the checks; users set each one's severity by code. */
export type CheckCode =
  | 'not-a-box-model-name'
  | 'unknown-model'
  | 'alias-model'
  | 'retired-model'
  | 'embedding-model-in-chat-slot'
  | 'chat-model-in-embedding-slot'
  | 'params-type-mismatch'
  | 'completion-tokens-over-max'
  | 'chunk-size-out-of-range'
  | 'prompt-template-placeholder-missing'
  | 'prompt-template-too-long'
  | 'prompt-too-long'
  | 'too-many-items'
  | 'single-item-qa-items'
  | 'text-gen-items'
  | 'item-content-too-large'
  | 'unknown-mode';
export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const DEFAULT_SEVERITY: Record<CheckCode, Severity> = {
  'not-a-box-model-name': 'error',
  'unknown-model': 'warning',
  'alias-model': 'information',
  'retired-model': 'warning',
  'embedding-model-in-chat-slot': 'error',
  'chat-model-in-embedding-slot': 'error',
  'params-type-mismatch': 'warning',
  'completion-tokens-over-max': 'warning',
  'chunk-size-out-of-range': 'warning',
  'prompt-template-placeholder-missing': 'warning',
  'prompt-template-too-long': 'warning',
  'prompt-too-long': 'error',
  'too-many-items': 'error',
  'single-item-qa-items': 'error',
  'text-gen-items': 'error',
  'item-content-too-large': 'warning',
  'unknown-mode': 'error',
};

/** A replacement of the finding's range that fixes it. */
export interface Fix {
  title: string;
  replacement: string;
  /** The fix to apply when the user asks for the preferred one. */
  preferred: boolean;
}

/** An extension command that may resolve a finding: update the catalog, or add the value to a workspace catalog file. */
export type FindingAction = 'update-catalog' | 'add-to-workspace-catalog';

export interface Finding {
  code: CheckCode;
  /** The checked value's content, as in its slot. */
  start: number;
  end: number;
  message: string;
  fixes: Fix[];
  actions?: FindingAction[];
  /** The actions are offered before the fixes (an unknown id against an old catalog); the preferred fix stays the close id, for a typo. */
  actionsFirst?: boolean;
}
