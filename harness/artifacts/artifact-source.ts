/** Where a card's zip comes from: a file next to the card (digest computed) or a URL (digest declared by the card). */

export interface LocalArtifact {
  readonly kind: 'file';
  /** Absolute path of the zip. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface RemoteArtifact {
  readonly kind: 'url';
  readonly url: string;
  /** Declared in the card (mandatory for URL artifacts); checked when the file is downloaded. */
  readonly sha256: string;
}

export type CardArtifact = LocalArtifact | RemoteArtifact;
