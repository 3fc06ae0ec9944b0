import { request } from './http';

export interface ShopTag {
  tag: string;
  customers: number;
  sources: ('manual' | 'rule')[];
}

export const fetchTags = () => request<{ tags: ShopTag[] }>('GET', '/api/tags');
