import type { IpcError, IpcErrorCode, IpcResponse } from '../shared/ipc/contract';

/** An expected failure with a French message for the user; IPC handlers turn it into `{ ok: false, error }`. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IpcFailure';
  }
  toIpcError(): IpcError {
    return { code: this.code, message: this.message };
  }
}

export const okResponse = <T>(value: T): IpcResponse<T> => ({ ok: true, value });
export const failResponse = (code: IpcErrorCode, message: string): IpcResponse<never> => ({ ok: false, error: { code, message } });
