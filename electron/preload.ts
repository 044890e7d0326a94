/**
 * Preload (sandboxed, context-isolated): exposes exactly one object, BRIDGE_NAME, and nothing else. Never
 * exposes ipcRenderer itself or any generic send/on: only the channels of the contract.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_NAME } from '../shared/ipc/contract';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_NAME, createBridge(ipcRenderer));
