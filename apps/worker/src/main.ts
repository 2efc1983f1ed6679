import 'reflect-metadata';
import { createWorkerApp } from './bootstrap';

void createWorkerApp();
