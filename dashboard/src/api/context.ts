import { createContext, useContext } from 'react';
import { httpSource, type ApiSource } from './source.ts';

export const ApiContext = createContext<ApiSource>(httpSource());

export const useApiSource = (): ApiSource => useContext(ApiContext);
