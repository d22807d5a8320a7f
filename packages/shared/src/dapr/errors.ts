/** A sidecar call that did not succeed. `status` is the sidecar's HTTP status, 0 when it was unreachable. */
export class DaprError extends Error {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly operation: string;

  constructor(operation: string, status: number, message: string, errorCode?: string, cause?: unknown) {
    super(`${operation}: ${message}`, { cause });
    this.name = "DaprError";
    this.operation = operation;
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** The store refused a write because the ETag did not match (or first-write found an existing key). */
export class EtagMismatchError extends DaprError {
  constructor(operation: string, message: string, errorCode?: string) {
    super(operation, 409, message, errorCode);
    this.name = "EtagMismatchError";
  }
}

/** The sidecar could not be reached or did not answer in time. */
export class SidecarUnavailableError extends DaprError {
  constructor(operation: string, cause: unknown) {
    super(operation, 0, cause instanceof Error ? cause.message : "sidecar unreachable", undefined, cause);
    this.name = "SidecarUnavailableError";
  }
}

export const isEtagMismatch = (e: unknown): e is EtagMismatchError => e instanceof EtagMismatchError;
