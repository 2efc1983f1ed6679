export * from './calendar-day';
export * from './year-arrangement';
export * from './library-arrangements';
export * from './provisional-year';
export * from './working-day-calendar';
export * from './instant';
export * from './clock-period';
