import { qrLanding } from './qr-landing';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const get = (url: string, accept = HTML, method = 'GET') => qrLanding({ method, url, headers: { accept } });

describe('qrLanding', () => {
  it("sends a browser opening the receipt's QR address to the sign-in form with the case number", () => {
    expect(get('/api/v1/track/330902-20261130-000001')).toBe(
      '/console/track?caseNumber=330902-20261130-000001',
    );
    expect(get('/api/v1/track/330902-20261130-000001?utm=qr')).toBe(
      '/console/track?caseNumber=330902-20261130-000001',
    );
  });

  it('leaves JSON clients, requests with a code, other routes and malformed numbers to the api', () => {
    expect(get('/api/v1/track/330902-20261130-000001', 'application/json')).toBeNull();
    expect(get('/api/v1/track/330902-20261130-000001', '*/*')).toBeNull();
    expect(get('/api/v1/track/330902-20261130-000001?code=123456')).toBeNull();
    expect(get('/api/v1/track/330902-20261130-000001/notices')).toBeNull();
    expect(get('/api/v1/track/not-a-case')).toBeNull();
    expect(get('/api/v1/track/330902-20261130-000001', HTML, 'POST')).toBeNull();
  });
});
