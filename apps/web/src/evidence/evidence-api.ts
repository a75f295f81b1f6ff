import type { CallerVideoSession, CreateShareBody, EvidenceDetail, EvidenceLink, EvidenceLinkCreated, IncidentEvidence, SendEvidenceLinkBody, ShareCreated, UploadState } from '@openpsap/contract';
import { api } from '../api/client';

const q = (purpose: string) => `purpose=${encodeURIComponent(purpose)}`;

export const incidentEvidence = (incidentId: number, purpose: string) => api<IncidentEvidence>('GET', `/api/v1/incidents/${incidentId}/evidence`, undefined, { purpose });
export const evidenceDetail = (id: number, purpose: string) => api<EvidenceDetail>('GET', `/api/v1/evidence/${id}`, undefined, { purpose });
export const sendUploadLink = (incidentId: number, body: SendEvidenceLinkBody) => api<EvidenceLinkCreated>('POST', `/api/v1/incidents/${incidentId}/upload-links`, body);
export const requestLiveVideo = (incidentId: number, body: SendEvidenceLinkBody) => api<EvidenceLinkCreated>('POST', `/api/v1/incidents/${incidentId}/caller-video`, body);
export const revokeLink = (id: number) => api<EvidenceLink>('POST', `/api/v1/evidence-links/${id}/revoke`);
export const liveSession = (id: number) => api<CallerVideoSession>('GET', `/api/v1/caller-video/${id}`);
export const endLiveVideo = (id: number) => api<{ ended: true }>('POST', `/api/v1/caller-video/${id}/end`);
export const startRecording = (id: number) => api<UploadState>('POST', `/api/v1/caller-video/${id}/recordings`, {});
export const recordingUrl = (id: number, key: string) => `/api/v1/caller-video/${id}/recordings/${encodeURIComponent(key)}`;
export const completeRecording = (id: number, key: string) => api<UploadState>('POST', `${recordingUrl(id, key)}/complete`);
export const shareEvidence = (id: number, body: CreateShareBody) => api<ShareCreated>('POST', `/api/v1/evidence/${id}/shares`, body);
export const revokeShare = (id: number) => api('POST', `/api/v1/evidence-shares/${id}/revoke`);
export const verifyEvidence = (id: number) => api<{ intact: boolean; actual: string | null }>('POST', `/api/v1/evidence/${id}/verify`);
/** The file's address for an <img>, a <video> or a download; the purpose travels in the query. */
export const contentUrl = (id: number, purpose: string, download = false) => `/api/v1/evidence/${id}/content?${q(purpose)}${download ? '&download=1' : ''}`;
export const signalUrl = (id: number) => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/caller-video/${id}/signal`;
