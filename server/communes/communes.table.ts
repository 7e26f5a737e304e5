export interface CommunesTable {
  code: string;
  name: string;
  kind: 'ward' | 'commune';
}
