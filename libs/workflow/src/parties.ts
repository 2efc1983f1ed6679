/**
 * Who a working day or a clock is charged to (delay attribution, issue 12): the receiving window
 * (收件窗口), the courier (寄递), the home jurisdiction (业务属地部门), or the applicant while a
 * one-time notice is open (补正).
 */
export type Party = 'window' | 'courier' | 'homeJurisdiction' | 'applicant';
