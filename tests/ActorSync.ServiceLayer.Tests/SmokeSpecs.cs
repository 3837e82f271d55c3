namespace ActorSync.ServiceLayer.Tests; public class SmokeSpecs { [Fact] public void Builds() => Assert.True(true); }
