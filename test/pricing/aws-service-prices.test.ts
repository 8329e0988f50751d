import { describe, expect, it } from "vitest";
import { AWS_SERVICE_PRICES, servicePrices } from "../../src/pricing/aws-service-prices.js";
import { EC2_ON_DEMAND_PRICES } from "../../src/pricing/ec2-prices.js";

describe("servicePrices", () => {
  it("GIVEN the EC2 table WHEN the service table is read THEN both price exactly the same regions", () => {
    expect(Object.keys(AWS_SERVICE_PRICES).sort()).toEqual(Object.keys(EC2_ON_DEMAND_PRICES).sort());
  });

  it.each([
    // region, NAT $/h, ALB $/h, gp3 $/GB-month, CloudWatch Logs ingestion $/GB
    ["eu-west-1", 0.048, 0.0252, 0.088, 0.57],
    ["us-east-1", 0.045, 0.0225, 0.08, 0.5],
  ] as const)("GIVEN %s WHEN read THEN NAT costs %s/h, an ALB %s/h, gp3 %s/GB-month, log ingestion %s/GB", (region, nat, alb, gp3, logs) => {
    const prices = servicePrices(region);
    expect([prices.natGatewayHour, prices.albHour, prices.ebsGbMonth.gp3, prices.cloudWatchLogsIngestGb]).toEqual([nat, alb, gp3, logs]);
    expect(prices.eksClusterHour).toEqual({ standard: 0.1, extended: 0.6 });
    expect(prices.date).toMatch(/^20[0-9]{2}-[0-9]{2}-[0-9]{2}$/);
    expect(prices.source).not.toBe("");
  });

  it("GIVEN an unknown region WHEN read THEN PRICE_UNKNOWN names aws.region and every region known", () => {
    expect(() => servicePrices("sa-east-1")).toThrow(expect.objectContaining({ code: "PRICE_UNKNOWN", where: "aws.region", fix: expect.stringContaining("eu-west-1, us-east-1") as unknown }));
  });
});
