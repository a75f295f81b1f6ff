/** One active alert from another sender (a CAP feed or `psap cap import`), as a GeoJSON feature's properties. */
export interface OutsideAlertProps {
  id: number;
  event: string;
  headline: string | null;
  severity: string;
  urgency: string;
  certainty: string;
  msgType: string;
  sender: string;
  senderName: string | null;
  areaDesc: string;
  sent: string;
  expiresAt: string | null;
  instruction: string | null;
  hasArea: boolean;
}

/** Every area of every info of the alert, in lon/lat (circles as polygons); null when only geocodes name it. */
export type OutsideAlertGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface OutsideAlertFeature {
  type: 'Feature';
  id: number;
  properties: OutsideAlertProps;
  geometry: OutsideAlertGeometry | null;
}

export interface OutsideAlertCollection {
  type: 'FeatureCollection';
  features: OutsideAlertFeature[];
}
